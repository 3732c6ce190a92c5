/** Public surface of the shared validators; import from here rather than from individual files. */
export * from './personId';
export { PERSON_ID_AREAS, type PersonIdArea } from './personIdAreas';
export * from './rocDate';
