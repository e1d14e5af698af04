/** Who is acting: the signed-in user (or a workflow's run-as user). */
export interface Actor {
  id: string;
  name: string;
  roles: string[];
  team?: string | null;
  isAdmin: boolean;
  /** Service accounts: the only entities it may write ([] = read only); undefined = what its roles allow. */
  writeScope?: string[];
  /**
   * A portal user's attributes, read from the record they are linked to as their portal role
   * maps them (`$user.<key>` in rules, e.g. `$user.customer`). Unset for staff; a `$user.<key>`
   * that is not set reads as null.
   */
  attributes?: Record<string, string | number | boolean | null>;
}
