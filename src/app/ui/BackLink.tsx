/** The "← back" link at the top of a page, to the page above it (the list, the profile, Manage). */
export function BackLink({ href, label }: { href: string; label: string }) {
  return (
    <a class="back" href={href}>
      ← {label}
    </a>
  );
}
