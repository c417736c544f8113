/** The SSHSIG namespace every sign-off signs in (`ssh-keygen -Y sign -n …`). */
export const SIGNOFF_NAMESPACE = 'gonogo-launch-record'
