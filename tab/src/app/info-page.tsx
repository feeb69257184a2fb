import { Link, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import { PrivacyNotice } from './privacy-notice';
import type { InfoView } from './url-params';

const useStyles = makeStyles({
  article: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalM,
    maxWidth: '72ch',
  },
  heading: { margin: 0 },
  subheading: { margin: 0, marginTop: tokens.spacingVerticalS },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXXL },
  item: { marginBottom: tokens.spacingVerticalXS },
  nav: { display: 'flex', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalL },
});

function Heading({ children }: { children: ReactNode }) {
  const styles = useStyles();
  return (
    <Text as="h3" size={400} weight="semibold" className={styles.subheading}>
      {children}
    </Text>
  );
}

function Points({ items }: { items: string[] }) {
  const styles = useStyles();
  return (
    <ul className={styles.list}>
      {items.map((item) => (
        <li key={item} className={styles.item}>
          <Text>{item}</Text>
        </li>
      ))}
    </ul>
  );
}

function About() {
  return (
    <>
      <Text>
        Reverse mentoring pairs a more junior colleague, often from a group under-represented in
        leadership, with a senior leader. The junior colleague mentors the leader, sharing lived
        experience and candid feedback; in reciprocal mentoring each mentors the other. Pairs meet
        monthly for six months.
      </Text>
      <Heading>What the app does</Heading>
      <Points
        items={[
          'Programme teams run cohorts: applications, training, matching and events.',
          'Each pair has a private space for their agreement, meetings, actions and reflections.',
          'Friendly reminders in Teams help pairs keep meeting.',
          'Either partner can pause or end a pairing privately, without giving a reason.',
        ]}
      />
    </>
  );
}

function Terms() {
  return (
    <>
      <Text>
        By taking part you agree to the relationship agreement you make with your partner, and to
        your organisation&apos;s usual policies on conduct and confidentiality.
      </Text>
      <Points
        items={[
          'Keep what your partner shares confidential unless you both agree otherwise.',
          'Treat each other with respect; either of you can end the pairing without fault.',
          'If you are worried about anything, contact your programme team.',
        ]}
      />
    </>
  );
}

const titles: Record<InfoView, string> = {
  about: 'About Reverse mentoring',
  privacy: 'Privacy: how your information is used',
  terms: 'Terms of use',
};
const bodies: Record<InfoView, () => ReactNode> = {
  about: About,
  privacy: PrivacyNotice,
  terms: Terms,
};

/** The about, privacy and terms pages the app manifest links to; no sign-in needed. */
export function InfoPage({ view }: { view: InfoView }) {
  const styles = useStyles();
  const Body = bodies[view];
  return (
    <article className={styles.article} data-testid={`info-${view}`}>
      <Text as="h2" size={500} weight="semibold" className={styles.heading}>
        {titles[view]}
      </Text>
      <Body />
      <nav aria-label="More information" className={styles.nav}>
        {(Object.keys(titles) as InfoView[])
          .filter((v) => v !== view)
          .map((v) => (
            <Link key={v} href={`?view=${v}`}>
              {titles[v]}
            </Link>
          ))}
      </nav>
    </article>
  );
}
