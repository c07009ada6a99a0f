/** The maintenance database on the same server, for CREATE and DROP DATABASE. */
export function adminUrl(url: string): string {
  const u = new URL(url);
  u.pathname = "/postgres";
  return u.toString();
}

export function templateName(): string {
  return `clearname_tpl_${process.pid}`;
}
