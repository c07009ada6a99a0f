/** How long an e-mailed password-reset link works. */
export const RESET_MINUTES = 60;
/** How long an invitation to set a first password works. */
export const INVITE_DAYS = 7;
