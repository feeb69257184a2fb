import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import {
  PRIVACY_NOTICE,
  type PrivacySettings,
  type PrivacySettingsView,
} from '../../../bot/src/contracts/privacy';

const useStyles = makeStyles({
  subheading: { margin: 0, marginTop: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXXL },
  item: { marginBottom: tokens.spacingVerticalXS },
});

/** The programme's contact, as published (no sign-in); null when not set or not reachable. */
function useContact(): PrivacySettings | null | undefined {
  const [contact, setContact] = useState<PrivacySettings | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    fetch('/api/programme/privacy-settings')
      .then(async (r) => (r.ok ? ((await r.json()) as PrivacySettingsView).settings : null))
      .catch(() => null)
      .then((found) => {
        if (live) setContact(found);
      });
    return () => {
      live = false;
    };
  }, []);
  return contact;
}

function Contact({ contact }: { contact: PrivacySettings | null | undefined }) {
  const styles = useStyles();
  if (contact === undefined) return <Text>Finding your programme’s contact…</Text>;
  if (contact === null) {
    return (
      <Text>
        Your programme team has not named a privacy contact here yet: ask your programme team.
      </Text>
    );
  }
  return (
    <ul className={styles.list} data-testid="privacy-contact">
      <li className={styles.item}>
        <Text>
          Programme contact: {contact.contactName},{' '}
          <Link href={`mailto:${contact.contactEmail}`}>{contact.contactEmail}</Link>
        </Text>
      </li>
      <li className={styles.item}>
        <Text>Data controller: {contact.controllerName}</Text>
      </li>
      {contact.dpoName && contact.dpoEmail ? (
        <li className={styles.item}>
          <Text>
            Data protection officer: {contact.dpoName},{' '}
            <Link href={`mailto:${contact.dpoEmail}`}>{contact.dpoEmail}</Link>
          </Text>
        </li>
      ) : null}
    </ul>
  );
}

/**
 * The privacy notice: the sections of `PRIVACY_NOTICE` (the one source docs/privacy.md follows)
 * and the programme's contact and data controller as a programme admin set them.
 */
export function PrivacyNotice() {
  const styles = useStyles();
  const contact = useContact();
  return (
    <>
      <Text>
        Your organisation runs the mentoring programme and decides how your information is used.
        This is a plain-language notice; ask your programme contact for your organisation’s full
        privacy notice.
      </Text>
      {PRIVACY_NOTICE.map((section) => (
        <section key={section.id} aria-labelledby={`privacy-${section.id}`}>
          <Text
            as="h3"
            size={400}
            weight="semibold"
            id={`privacy-${section.id}`}
            className={styles.subheading}
          >
            {section.title}
          </Text>
          <ul className={styles.list}>
            {section.points.map((point) => (
              <li key={point} className={styles.item}>
                <Text>{point}</Text>
              </li>
            ))}
          </ul>
        </section>
      ))}
      <section aria-labelledby="privacy-contact-heading">
        <Text
          as="h3"
          size={400}
          weight="semibold"
          id="privacy-contact-heading"
          className={styles.subheading}
        >
          Who to contact
        </Text>
        <Contact contact={contact} />
      </section>
    </>
  );
}
