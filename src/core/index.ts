/** The host-free core: tables, report model, rules, engine and Chinese rendering. */
export * from './tables';
export * from './read';
export * from './report';
export * from './rules';
export * from './findings';
export * from './engine';
export * from './render';
export * from './grid';
export * as sheet from './sheet';
export * from './fixes';
