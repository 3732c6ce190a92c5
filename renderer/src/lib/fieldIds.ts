/**
 * Every input's DOM id comes from the validator's error path (`person.id` → `f-person-id`,
 * `items.N02.landLocation` → `f-items-N02-landLocation`), so an error can focus its field.
 */
export const fieldId = (path: string): string => `f-${path.replace(/\./g, '-')}`;
export const errorId = (path: string): string => `${fieldId(path)}-error`;
export const hintId = (path: string): string => `${fieldId(path)}-hint`;
