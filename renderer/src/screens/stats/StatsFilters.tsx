import { useEffect, useRef, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import { NOTIFICATION_STATUSES, type NotificationStatus } from '../../../../shared/cases/schema';
import { parseDateInput } from '../../../../shared/dates/isoDate';
import { GRANULARITIES, type Granularity, type StatsFilter } from '../../../../shared/stats/dashboard';
import { rocLong, rocShort } from '../../lib/format';
import { useStats } from '../../stores/stats';
import { defaultPeriod } from './format';
import { GRANULARITY_LABEL, KIND_LABEL, statusLabel } from './labels';

type Draft = { from: string; to: string; lifeEvent: string; item: string; agency: string; status: string; kind: string; office: string; clerkId: string };

const draftOf = (f: StatsFilter): Draft => ({
  from: rocShort(f.from),
  to: rocShort(f.to),
  lifeEvent: f.lifeEvent ?? '',
  item: f.item ?? '',
  agency: f.agency ?? '',
  status: f.status ?? '',
  kind: f.kind ?? '',
  office: f.office ?? '',
  clerkId: f.clerkId === undefined ? '' : String(f.clerkId),
});

type DateErrors = { from?: string; to?: string };

/**
 * The filter form. Dates are typed the way clerks type them (115/11/01, 1151101, or ISO) and echoed
 * in words; Enter or 套用 applies. The 日/週/月 switch applies at once, since it only regroups.
 */
export function StatsFilters() {
  const filter = useStats((s) => s.filter);
  const catalogue = useStats((s) => s.catalogue);
  const known = useStats((s) => s.known);
  const loading = useStats((s) => s.loading);
  const apply = useStats((s) => s.apply);
  const [draft, setDraft] = useState<Draft>(() => draftOf(filter));
  const [errors, setErrors] = useState<DateErrors>({});
  const fromRef = useRef<HTMLInputElement>(null);

  useEffect(() => fromRef.current?.focus(), []);

  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  const submit = (granularity: Granularity = filter.granularity, d: Draft = draft) => {
    const from = parseDateInput(d.from);
    const to = parseDateInput(d.to);
    const next: DateErrors = {};
    if (!from.ok) next.from = from.message;
    if (!to.ok) next.to = to.message;
    if (from.ok && to.ok && from.iso > to.iso) next.to = '起日不可晚於迄日';
    setErrors(next);
    if (!from.ok || !to.ok || next.to) return;
    void apply({
      from: from.iso,
      to: to.iso,
      granularity,
      ...(d.lifeEvent ? { lifeEvent: d.lifeEvent } : {}),
      ...(d.item ? { item: d.item } : {}),
      ...(d.agency ? { agency: d.agency } : {}),
      ...(d.status ? { status: d.status as NotificationStatus } : {}),
      ...(d.kind ? { kind: d.kind as 'notification' | 'verification' } : {}),
      ...(d.office ? { office: d.office } : {}),
      ...(d.clerkId ? { clerkId: Number(d.clerkId) } : {}),
    });
  };

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    submit();
  };

  const reset = () => {
    const d = draftOf({ ...defaultPeriod(), granularity: 'day' });
    setDraft(d);
    submit('day', d);
  };

  const dateHint = (text: string) => {
    const p = text.trim() ? parseDateInput(text) : null;
    return p?.ok ? `✓ ${rocLong(p.iso)}` : '民國日期，例：115/11/01 或 1151101';
  };

  return (
    <form className="card stats-filters" role="search" aria-label="統計篩選條件" onSubmit={onSubmit}>
      <div className="stats-filters__row">
        <DateInput id="stats-from" label="起日" value={draft.from} hint={dateHint(draft.from)} error={errors.from} onChange={(v) => set({ from: v })} inputRef={fromRef} />
        <DateInput id="stats-to" label="迄日" value={draft.to} hint={dateHint(draft.to)} error={errors.to} onChange={(v) => set({ to: v })} />
        <fieldset className="stats-filters__granularity">
          <legend className="field__label">統計單位</legend>
          {GRANULARITIES.map((g) => (
            <label key={g} className={`seg${filter.granularity === g ? ' seg--on' : ''}`}>
              <input type="radio" name="stats-granularity" value={g} checked={filter.granularity === g} onChange={() => submit(g)} />
              {GRANULARITY_LABEL[g]}
            </label>
          ))}
        </fieldset>
      </div>
      <div className="stats-filters__row">
        <Select id="stats-life-event" label="生活事件" value={draft.lifeEvent} onChange={(v) => set({ lifeEvent: v })} all="全部生活事件">
          {catalogue?.lifeEvents.map((e) => (
            <option key={e.code} value={e.code}>
              {e.name}
            </option>
          ))}
        </Select>
        <Select id="stats-item" label="項目" value={draft.item} onChange={(v) => set({ item: v })} all="全部項目">
          {catalogue?.items.map((i) => (
            <option key={i.code} value={i.code}>
              {i.code} {i.title}
            </option>
          ))}
        </Select>
        <Select id="stats-agency" label="接收機關" value={draft.agency} onChange={(v) => set({ agency: v })} all="全部機關">
          {catalogue?.agencies.map((a) => (
            <option key={a.code} value={a.code}>
              {a.name}
            </option>
          ))}
        </Select>
        <Select id="stats-status" label="狀態" value={draft.status} onChange={(v) => set({ status: v })} all="全部狀態">
          {NOTIFICATION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {statusLabel(s)}
            </option>
          ))}
        </Select>
        <Select id="stats-kind" label="類別" value={draft.kind} onChange={(v) => set({ kind: v })} all="通報與檢證">
          {(['notification', 'verification'] as const).map((k) => (
            <option key={k} value={k}>
              {KIND_LABEL[k]}
            </option>
          ))}
        </Select>
        {known.offices.length > 1 && (
          <Select id="stats-office" label="戶所" value={draft.office} onChange={(v) => set({ office: v })} all="全部戶所">
            {known.offices.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </Select>
        )}
        <Select id="stats-clerk" label="承辦人" value={draft.clerkId} onChange={(v) => set({ clerkId: v })} all="全部承辦人">
          {known.clerks.map((c) => (
            <option key={c.id} value={String(c.id)}>
              {c.name}
            </option>
          ))}
        </Select>
        <div className="stats-filters__actions">
          <button type="submit" className="button button--primary" disabled={loading}>
            {loading ? '計算中…' : '套用'}
          </button>
          <button type="button" className="button" onClick={reset} disabled={loading}>
            重設
          </button>
        </div>
      </div>
    </form>
  );
}

type DateInputProps = {
  id: string;
  label: string;
  value: string;
  hint: string;
  error?: string;
  onChange(v: string): void;
  inputRef?: Ref<HTMLInputElement>;
};

function DateInput({ id, label, value, hint, error, onChange, inputRef }: DateInputProps) {
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <input
        ref={inputRef}
        id={id}
        type="text"
        className="input input--date"
        autoComplete="off"
        spellCheck={false}
        maxLength={20}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={`${id}-hint${error ? ` ${id}-error` : ''}`}
        onChange={(e) => onChange(e.target.value)}
      />
      <p className="field__hint" id={`${id}-hint`}>
        {hint}
      </p>
      {error && (
        <p className="field__error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

type SelectProps = { id: string; label: string; value: string; all: string; onChange(v: string): void; children: ReactNode };

function Select({ id, label, value, all, onChange, children }: SelectProps) {
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <select id={id} className="input select" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{all}</option>
        {children}
      </select>
    </div>
  );
}
