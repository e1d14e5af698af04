/** One problem of one CSV row: the line it starts on, the column (empty for the whole row), why. */
export interface RowError {
  line: number;
  field: string;
  message: string;
}

/** What an import did (or, for a dry run or a refused import, would have done). */
export interface ImportReport {
  /** Rows that create a record. */
  created: number;
  /** Rows that update a record found by the key. */
  updated: number;
  /** Rows with at least one problem; none of them is written. */
  failed: number;
  errors: RowError[];
  /** Whether the changes were kept: false for a dry run and for an all-or-nothing import with a bad row. */
  committed: boolean;
  dryRun: boolean;
  /** Header columns read but not written (system columns, computed fields, an error file's error column). */
  ignoredColumns: string[];
  /** Whether the written rows started the workflows their creates and updates trigger (false only when the admin turned that off). */
  workflows: boolean;
  /**
   * With the `duplicates` option: the new rows the entity's duplicate rules match to
   * records already there (or written earlier in the file) that the importer may read.
   */
  duplicates?: DuplicateRow[];
  /** With `duplicates: 'skip'`: rows not written because they match. */
  skipped?: number;
  /** With `duplicates: 'merge'`: rows written into the record they match (counted in `updated` too). */
  merged?: number;
}

/** A row of an import that may be a duplicate: the ids of the records it matches, best first. */
export interface DuplicateRow {
  line: number;
  ids: string[];
  /** Whether the row was left out (`duplicates: 'skip'`) or still written (`flag`, `merge`). */
  skipped: boolean;
  /** With `duplicates: 'merge'`: the matching record the row's filled cells were written into. */
  mergedInto?: string;
}

/** A bad row as an error file shows it: its cells and its problems. */
export interface FailedRow {
  line: number;
  cells: string[];
  errors: RowError[];
}

export interface ImportOptions {
  /** Upsert by this field (id or a unique field): update the record holding the row's value, create otherwise. */
  key?: string;
  /** Check everything, write nothing. */
  dryRun?: boolean;
  /** Keep the good rows even when some fail (default: all or nothing). */
  partial?: boolean;
  /**
   * false: the import was opened without workflow triggers (an admin's choice). The work
   * that runs the import decides the hooks; this only puts the choice in the report.
   */
  workflows?: boolean;
  /**
   * New rows matching records by the entity's duplicate rules: listed in the report
   * (`flag`), listed and not written (`skip`), or listed and written into the best match
   * (`merge`: its filled cells update that record; blank cells leave its values).
   */
  duplicates?: 'flag' | 'skip' | 'merge';
  /** Called with the header row once it is accepted. */
  onHeader?: (cells: string[]) => void;
  /** Called for each bad row, e.g. to write an error file as the import goes. */
  onFailedRow?: (row: FailedRow) => void;
  /** Called after each batch with the rows done so far. */
  onProgress?: (rows: number) => void;
}

/** One line per problem, for an error file's error column. */
export const errorText = (errors: RowError[]): string => errors.map((e) => (e.field ? `${e.field}: ${e.message}` : e.message)).join('; ');
