/**
 * Every input's DOM id comes from the validator's error path (`participants[1].name` →
 * `f-participants-1-name`, `items.N02.landLocation` → `f-items-N02-landLocation`), so an error can
 * focus its field. Brackets become dashes: ids stay valid CSS selectors.
 */
export const fieldId = (path: string): string => `f-${path.replace(/[.[\]]+/g, '-').replace(/-$/, '')}`;
export const errorId = (path: string): string => `${fieldId(path)}-error`;
export const hintId = (path: string): string => `${fieldId(path)}-hint`;
