export { maskPersonId } from '../validators';

/** 0912345678 → 0912***678: enough for the clerk to confirm with the citizen, not to copy. */
export const maskPhone = (phone: string): string => {
  const p = phone.trim();
  return p.length <= 6 ? '*'.repeat(p.length) : `${p.slice(0, 4)}${'*'.repeat(p.length - 7)}${p.slice(-3)}`;
};
