/** Says why a page shows no form: the user's role may look but not change (the API would refuse). */
export function ReadOnlyNotice({ roleLabel, what, whoCan }: { roleLabel: string; what: string; whoCan: string }) {
  return (
    <p className="notice read-only-notice" data-testid="read-only-notice">
      <strong>Read only.</strong> As {/^[AEIOU]/.test(roleLabel) ? 'an' : 'a'} {roleLabel} you can see {what} but not
      change them; {whoCan} can.
    </p>
  );
}
