import type { ChainProblem } from '../../shared/session/chain'

export type SessionErrorKind =
  'missing' | 'exists' | 'not-a-session' | 'locked' | 'read-only' | 'io'

/** Every session failure a user can meet, as one line that names the session and what to do. */
export class SessionError extends Error {
  constructor(
    readonly kind: SessionErrorKind,
    message: string,
    readonly problem?: ChainProblem,
  ) {
    super(message)
    this.name = 'SessionError'
  }
}

/** Node's error code (ENOENT, EACCES, ...) as a short phrase. */
export function describeIoError(e: unknown): string {
  const code = (e as NodeJS.ErrnoException | undefined)?.code
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory'
    case 'EACCES':
    case 'EPERM':
      return 'permission denied'
    case 'ENOSPC':
      return 'no space left on the device'
    case 'EROFS':
      return 'read-only file system'
    case 'ENOTDIR':
      return 'not a directory'
    default:
      return code ?? (e instanceof Error ? e.message : String(e))
  }
}
