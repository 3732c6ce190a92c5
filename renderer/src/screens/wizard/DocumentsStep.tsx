import { DOCUMENT_STATUS_LABEL } from '../../../../shared/cases/schema';
import { findLifeEvent } from '../../lib/catalogue';
import { applicableDocuments, type DocumentMark } from '../../lib/draft';
import { fieldId } from '../../lib/fieldIds';
import { useSession } from '../../stores/session';
import { useWizard } from '../../stores/wizard';
import { SelectField } from './fields/SelectField';
import { GroupErrors } from './GroupErrors';

/**
 * 文件檢核: each document of the event's checklist that applies to this case is marked present,
 * spared (the counter obtains it from the agency; only where it can) or missing. Arrow keys choose,
 * Enter moves on. Missing ones are listed together for the 一次告知 slip; the case then waits in 待補件.
 */
export function DocumentsStep() {
  const catalogue = useSession((s) => s.catalogue);
  const lifeEvent = useWizard((s) => s.lifeEvent);
  const fields = useWizard((s) => s.fields);
  const marks = useWizard((s) => s.documents);
  const setDocument = useWizard((s) => s.setDocument);
  const event = catalogue ? findLifeEvent(catalogue, lifeEvent) : undefined;
  if (!event) return <p>服務目錄尚未載入。</p>;
  const docs = applicableDocuments(event, fields);
  const missing = docs.filter((d) => marks[d.code] === 'missing');
  return (
    <div id={fieldId('documents')}>
      <p className="step-lead">逐項註記：已備、免附（由本櫃檯向機關查調）或欠缺。方向鍵選擇，Enter 到下一項。</p>
      <GroupErrors path="documents" />
      <div className="form-grid">
        {docs.map((d) => (
          <SelectField
            key={d.code}
            path={`documents.${d.code}`}
            label={d.name}
            required={d.required}
            value={marks[d.code] ?? ''}
            placeholder="（未註記）"
            options={[
              { value: 'present', label: DOCUMENT_STATUS_LABEL.present },
              ...(d.spareable ? [{ value: 'spared', label: DOCUMENT_STATUS_LABEL.spared }] : []),
              { value: 'missing', label: DOCUMENT_STATUS_LABEL.missing },
            ]}
            onChange={(v) => setDocument(d.code, v as DocumentMark)}
          />
        ))}
      </div>
      {missing.length > 0 && (
        <p className="banner banner--warn" role="status">
          欠缺 {missing.length} 項（一次告知）：{missing.map((d) => d.name).join('、')}。儲存後案件為「待補件」，補齊之日為證件備齊日。
        </p>
      )}
    </div>
  );
}
