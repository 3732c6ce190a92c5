import { PERSON_FIELDS, type Condition, type LifeEvent } from './schema';

/** Fields every participant has, whatever the role asks for besides. */
const ALWAYS = ['id', 'name'] as const;

/**
 * Every path an item's `from`, a rule or a condition may name in this event: its own field keys,
 * `role.field` for each participant role, and `person.field` for the primary participant (the
 * first role listed), the name the 遷徙 items have always used.
 */
export function referencePaths(event: LifeEvent): Set<string> {
  const paths = new Set<string>(event.fields.map((f) => f.key));
  event.participants.forEach((role, i) => {
    const fields = [...ALWAYS, ...PERSON_FIELDS.filter((f) => role.person[f] !== undefined)];
    for (const f of fields) {
      paths.add(`${role.role}.${f}`);
      if (i === 0) paths.add(`person.${f}`);
    }
  });
  return paths;
}

/** The event field keys a condition reads. */
export function conditionFields(c: Condition): string[] {
  if (c === 'always') return [];
  if ('field' in c) return [c.field];
  if ('all' in c) return c.all.flatMap(conditionFields);
  if ('any' in c) return c.any.flatMap(conditionFields);
  return conditionFields(c.not);
}
