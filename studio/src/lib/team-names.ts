import type { MetaEntity, RecordData } from '../api/types.js';

/** A team as people pick and read it: its id, its code (what users and rules name it by) and its title in the reader's language. */
export interface TeamName {
  id: string;
  code: string;
  title: string;
}

/** The fields to read for team names: the code and the (language's) title field. */
export const teamFields = (team: MetaEntity | undefined): string[] => [...new Set(['name', ...(team?.titleField ? [team.titleField] : [])])];

/** Team records as names: titled by the entity's title field, the code where a team has no title. */
export const teamNames = (team: MetaEntity | undefined, rows: RecordData[]): TeamName[] =>
  rows.map((r) => {
    const code = String(r.name ?? '');
    const title = team?.titleField ? r[team.titleField] : undefined;
    return { id: String(r.id), code, title: typeof title === 'string' && title.trim() ? title : code };
  });

/** The title of the team with `code` among `teams`, the code itself when unknown. */
export const teamTitle = (teams: readonly TeamName[], code: string | null | undefined): string => (code ? (teams.find((x) => x.code === code)?.title ?? code) : '');
