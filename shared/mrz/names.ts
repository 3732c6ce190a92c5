/**
 * The name field: primary identifier (surname), `<<`, secondary identifier (given names), with `<`
 * standing for a space or hyphen inside each part and trailing fillers to the end of the line.
 */
export const parseMrzName = (field: string): { surname: string; givenNames: string } => {
  const body = field.replace(/<+$/, '');
  const split = body.indexOf('<<');
  const words = (s: string): string => s.split('<').filter(Boolean).join(' ');
  if (split < 0) return { surname: words(body), givenNames: '' };
  return { surname: words(body.slice(0, split)), givenNames: words(body.slice(split + 2)) };
};
