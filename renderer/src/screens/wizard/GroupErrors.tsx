import { useGroupErrors } from './errorsContext';

/** The messages of a group path, listed where the group starts. */
export function GroupErrors({ path }: { path: string }) {
  const messages = useGroupErrors(path);
  if (messages.length === 0) return null;
  return (
    <ul className="field__error group-errors" role="alert">
      {messages.map((m) => (
        <li key={m}>{m}</li>
      ))}
    </ul>
  );
}
