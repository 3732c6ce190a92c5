import { subsidyKindOfLabel } from '../../../../shared/assistance/subsidyKinds';
import type { LifeEvent } from '../../../../shared/catalogue/schema';
import type { FieldValue } from '../../../../shared/cases/schema';
import type { NormalisedParticipant } from '../../../../shared/cases/validateDraft';
import { countingScope } from '../../../../shared/household/countingScope';
import { RELATIONS, isRelation } from '../../../../shared/household/relations';

type CountingScopePanelProps = { event: LifeEvent; participants: NormalisedParticipant[]; fields: Record<string, FieldValue>; today: string };

/**
 * 人口計算範圍 (社會救助法第5條) for events whose catalogue entry names that household rule: each
 * person, whether they count for the chosen subsidy, and the paragraph that says why. The subsidy is
 * the event's choice whose options are the subsidy kinds; the primary participant is the applicant
 * (本人). Members are listed by the clerk as 戶內人口, so they are taken as 同一戶籍; the other facts
 * §5 weighs (共同生活, 扶養, 服役 …) are not asked by the draft yet and count as "no".
 */
export function CountingScopePanel({ event, participants, fields, today }: CountingScopePanelProps) {
  if (event.householdRule !== 'socialAssistance') return null;
  const subsidyField = event.fields.find((f) => f.type === 'select' && f.options?.some((o) => subsidyKindOfLabel(o) !== undefined));
  const label = subsidyField ? fields[subsidyField.key] : undefined;
  const kind = typeof label === 'string' ? subsidyKindOfLabel(label) : undefined;
  const primary = participants[0]?.role.role;
  const members = participants.map((p) => ({
    relation: p.role.role === primary ? 'self' : (p.relation ?? ''),
    birthDate: p.birthDate,
    sameHousehold: true,
  }));
  const result = kind ? countingScope(kind, members, { asOf: today }) : null;
  return (
    <section className="review__block review__block--wide" aria-labelledby="review-scope">
      <h3 id="review-scope">人口計算範圍{typeof label === 'string' ? `（${label}）` : ''}</h3>
      {!result ? (
        <p className="field__help">此補助項目不適用社會救助法第5條之人口計算。</p>
      ) : !result.ok ? (
        <p className="field__error" role="alert">
          {result.error.message}
        </p>
      ) : (
        <table className="table table--scope">
          <thead>
            <tr>
              <th scope="col">姓名</th>
              <th scope="col">關係／稱謂</th>
              <th scope="col">列入</th>
              <th scope="col">理由</th>
            </tr>
          </thead>
          <tbody>
            {result.value.map((d, i) => (
              <tr key={i}>
                <td>{participants[i]?.name}</td>
                <td>
                  {isRelation(d.relation) ? RELATIONS[d.relation].label : d.relation}
                  {participants[i]?.title ? `／${participants[i]?.title}` : ''}
                </td>
                <td>{d.counts ? '列入' : '不列入'}</td>
                <td>{d.reason}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
