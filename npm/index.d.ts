// Types of the richcheck package (index.js).

/** richcheck_error_mode(): what a failed check's error carries. */
export type ErrorMode = 'extended' | 'compat' | 'tagged' | 'compat, tagged';

export interface LoadOptions {
  /** Passed to richcheck_error_mode() on this connection after loading. */
  mode?: ErrorMode;
}

/** One row of richcheck_codes, as the bundled extension gives it. */
export interface Code {
  code: number;
  name: string;
  sqlstate: string;
  category: 'integrity' | 'data';
}

/** What describe() returns; null where the error cannot tell. */
export interface Description {
  /** The extended result code: 25618, 2067 (SQLITE_CONSTRAINT_UNIQUE), ... */
  code: number | null;
  /** 'RICHCHECK_TOO_LONG', 'SQLITE_CONSTRAINT_UNIQUE', ... */
  name: string | null;
  /** PostgreSQL's SQLSTATE for the same failure: '22001', '23505', ... */
  sqlstate: string | null;
  /** 'integrity', 'data', 'operational', 'programming', 'internal', 'database' */
  category: string | null;
  /** richcheck's 'table.column' (or SQLite's constraint target) */
  label: string | null;
  /** SQLite's message, the tag included in tagged mode */
  message: string;
}

/** The version of the bundled extension (richcheck_version()). */
export const version: string;
/** richcheck's codes (SELECT * FROM richcheck_codes), ordered by code. */
export const codes: readonly Code[];

/** The absolute path of the bundled richcheck.so. */
export function getLoadablePath(): string;

/** better-sqlite3 Database, node:sqlite DatabaseSync: synchronous, returns db. */
export function load<T extends { pragma: Function } | { enableLoadExtension: Function }>(
  db: T, options?: LoadOptions): T;
/** node-sqlite3 Database: a Promise of db. */
export function load<T extends { each: Function }>(db: T, options?: LoadOptions): Promise<T>;
/** Any of the three, with a callback: returns undefined. */
export function load<T extends object>(
  db: T, callback: (err: Error | null, db?: T) => void): void;
export function load<T extends object>(
  db: T, options: LoadOptions, callback: (err: Error | null, db?: T) => void): void;

/** What an error of better-sqlite3, node-sqlite3, node:sqlite or @libsql/client
 *  (libSQL's sqld, an embedded replica's forwarded write) means. */
export function describe(err: unknown): Description;
