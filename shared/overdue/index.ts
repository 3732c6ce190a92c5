export * from './calendar';
export * from './deadline';
