import type { LifeEvent, Rule } from '../catalogue/schema';
import type { FieldValue } from './schema';
import type { NormalisedParticipant } from './normalised';

type Located = { path: string; value: FieldValue | null };

/**
 * The values a rule path names: an event field (`deathDate`) or a field of every participant of a
 * role (`newborn.birthDate`), each with the draft path its error is shown at.
 */
function resolve(path: string, event: LifeEvent, participants: NormalisedParticipant[], fields: Record<string, FieldValue>): Located[] {
  const [head, tail] = path.split('.') as [string, string | undefined];
  if (tail === undefined) return [{ path: `fields.${head}`, value: fields[head] ?? null }];
  const role = head === 'person' ? event.participants[0]?.role : head;
  return participants.flatMap((p, i) =>
    p.role.role === role ? [{ path: `participants[${i}].${tail}`, value: (p as unknown as Record<string, FieldValue | null>)[tail] ?? null }] : [],
  );
}

/** Cross-field checks the catalogue declares (a birth after the death, a newborn older than a parent, the same address twice). */
export function checkRules(
  event: LifeEvent,
  participants: NormalisedParticipant[],
  fields: Record<string, FieldValue>,
  fail: (path: string, code: string, message: string) => void,
): void {
  event.rules.forEach((rule: Rule) => {
    if ('different' in rule) {
      const [a, b] = rule.different.map((p) => resolve(p, event, participants, fields));
      for (const x of a ?? []) for (const y of b ?? []) {
        if (x.value !== null && x.value === y.value) fail(y.path, 'RULE_SAME_VALUE', rule.message);
      }
      return;
    }
    const earlier = resolve(rule.earlier, event, participants, fields);
    const later = resolve(rule.later, event, participants, fields);
    for (const e of earlier) for (const l of later) {
      if (typeof e.value === 'string' && typeof l.value === 'string' && e.value > l.value) {
        fail(e.path.startsWith('participants') ? e.path : l.path, 'RULE_DATE_ORDER', rule.message);
      }
    }
  });
}
