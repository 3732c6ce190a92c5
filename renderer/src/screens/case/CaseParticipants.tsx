import type { ParticipantView } from '../../../../shared/cases/schema';
import { rocLong } from '../../lib/format';

/** Everyone the case names, by role (申請人, 亡者, 新生兒, 戶內人口 …), IDs and phones masked as the services send them. */
export function CaseParticipants({ participants }: { participants: ParticipantView[] }) {
  return (
    <section className="card" aria-labelledby="case-person">
      <h2 id="case-person" className="card__title">
        民眾（{participants.length} 位）
      </h2>
      <table className="table table--participants">
        <thead>
          <tr>
            <th scope="col">角色</th>
            <th scope="col">姓名</th>
            <th scope="col">身分證統一編號</th>
            <th scope="col">出生日期</th>
            <th scope="col">關係／稱謂</th>
            <th scope="col">聯絡電話</th>
            <th scope="col">地址</th>
          </tr>
        </thead>
        <tbody>
          {participants.map((p, i) => (
            <tr key={i}>
              <td>{p.roleLabel}</td>
              <td>{p.name}</td>
              <td className="mono">{p.idMasked || '—'}</td>
              <td>{p.birthDate ? rocLong(p.birthDate) : '—'}</td>
              <td>{[p.relationLabel, p.title].filter(Boolean).join('／') || '—'}</td>
              <td className="mono">{p.phoneMasked ?? '—'}</td>
              <td>{p.address || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
