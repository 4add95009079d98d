/**
 * The port the admin page keeps signed-out sessions through. Kept in the
 * register's database (src/register/revocations.ts), so a session signed out
 * on one instance is refused by every instance on the same database and
 * after a restart. The admin code knows no SQL.
 */
export interface RevocationStore {
  /**
   * Refuses this session id until `until` (when its cookie would have expired
   * anyway); revocations that ended before `now` are forgotten meanwhile.
   */
  revoke(sessionId: string, until: Date, now?: Date): Promise<void>;
  /** Whether this session id was signed out and is still refused at `now`. Throws when the database cannot be reached. */
  isRevoked(sessionId: string, now: Date): Promise<boolean>;
}
