/** One row of an imported file (CSV or a worksheet): the line it starts on (the header is line 1 unless blank lines precede it) and its cells as text. */
export interface SourceRow {
  line: number;
  cells: string[];
}
