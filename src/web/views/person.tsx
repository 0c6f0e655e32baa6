import type { Child } from "hono/jsx";
import type { Person } from "../../services/graph/find.ts";

/** A person as a line: small avatar, name linking to the profile, handle. */
export function PersonLine({ person, children }: { person: Person; children?: Child }) {
  return (
    <div class="person">
      {person.avatarKey ? (
        <img class="avatar avatar-small" src={`/media/${person.avatarKey}`} alt="" width={40} height={40} />
      ) : (
        <span class="avatar avatar-small" aria-hidden="true">
          {person.displayName.slice(0, 1).toUpperCase()}
        </span>
      )}
      <div class="person-text">
        <a href={`/@${person.handle}`}>{person.displayName}</a> <span class="handle">@{person.handle}</span>
        {children}
      </div>
    </div>
  );
}
