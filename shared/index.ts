// Public surface of shared/: pure TypeScript used by every process (services, host, renderer,
// platform, CLI). Acceptance checks import from here; keep these names stable.
export { validatePersonId, maskPersonId, parseRocDate, formatRocDate, formatRocDateShort, toRocCompact, isoFromDate } from './validators';
export { parseTaiwanAddress } from './address';
export { isIsoDate, parseDateInput } from './dates/isoDate';
export * from './result';
export * from './catalogue/schema';
export { validateCatalogue, formatCatalogueProblems, type CatalogueProblem, type RawCatalogue } from './catalogue/validate';
export * from './cases/schema';
export * from './language/languages';
export { validateDraft, validateItemFields, type FieldError, type NormalisedDraft, type NormalisedParticipant } from './cases/validateDraft';
export { prefillItemFields, valueAt, type PrefillSource } from './cases/prefill';
export { evaluateCondition } from './cases/conditions';
export { legalDeadline } from './dates/legalDeadline';
export { RELATIONS, RELATION_CODES, isRelation, type Relation } from './household/relations';
export { assistanceEffectiveMonth, type EffectiveMonthKind } from './assistance/effectiveMonth';
export { countingScope, type CountingMember, type CountingDecision, type HouseholdContext } from './household/countingScope';
export * from './auth/roles';
export * from './contract/api';
export * from './contract/define';
export { createApiClient, type ApiClient } from './contract/client';
export * from './forms/consentFormModel';
export { z, formatIssuePath } from './zod';
export { maskPhone } from './privacy/mask';
export { parseMrz, composeMrz, type MrzResult, type MrzFields, type MrzFormat, type MrzSex } from './mrz';
