import type { Permission } from "~/access/catalogue";

export interface NavItem {
  href: string;
  label: string;
}

const ITEMS: { href: string; label: string; needs?: Permission; anyOf?: Permission[] }[] = [
  { href: "/applications", label: "Applications", needs: "view:application:any" },
  { href: "/assessments", label: "Assessments", needs: "view:application:any" },
  { href: "/eligibility/dashboard", label: "Eligibility dashboard", needs: "view:application:any" },
  { href: "/referrals", label: "Referrals", needs: "refer:application:any" },
  { href: "/offers", label: "Offers", needs: "respond:referral:own" },
  { href: "/cases", label: "Cases", needs: "view:case:own" },
  { href: "/search", label: "Search", needs: "view:case:own" },
  { href: "/imports", label: "Imports", needs: "import:application:any" },
  { href: "/organisations", label: "Network and projects", needs: "view:organisation:any" },
  { href: "/projects/overview", label: "Projects overview", needs: "view:organisation:any" },
  { href: "/admin/establishments", label: "Establishments", needs: "manage:establishment:any" },
  { href: "/admin/settings", label: "Settings", needs: "manage:settings:any" },
  { href: "/admin/users", label: "Users", needs: "manage:user:any" },
  { href: "/data-protection", label: "Data protection", needs: "protect:data:own" },
  { href: "/data-protection/audit", label: "Audit trail", needs: "view:audit:any" },
  { href: "/admin/outbox", label: "Outbox", needs: "view:outbox:any" },
];

/** "Notifications", with how many are unread when there are any. */
export function notificationsLabel(unread: number): string {
  return unread > 0 ? `Notifications (${unread} unread)` : "Notifications";
}

/**
 * The main navigation for a user holding these permissions: only what they can open, and
 * their notifications with the unread count.
 */
export function navigationFor(
  permissions: readonly Permission[],
  signedIn: boolean,
  unreadNotifications = 0,
): NavItem[] {
  if (!signedIn) return [];
  return [
    { href: "/", label: "Home" },
    ...ITEMS.filter((i) => !i.needs || permissions.includes(i.needs)).map(({ href, label }) => ({
      href,
      label,
    })),
    { href: "/notifications", label: notificationsLabel(unreadNotifications) },
    { href: "/account", label: "Your account" },
  ];
}
