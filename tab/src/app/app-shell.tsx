import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';
import type { TabView } from './url-params';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    columnGap: tokens.spacingHorizontalL,
    rowGap: tokens.spacingVerticalS,
    paddingBlock: tokens.spacingVerticalM,
    paddingInline: tokens.spacingHorizontalXXL,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    '@media (max-width: 600px)': { paddingInline: tokens.spacingHorizontalL },
  },
  titles: { display: 'flex', flexDirection: 'column', minWidth: 0 },
  title: { margin: 0 },
  subtitle: { color: tokens.colorNeutralForeground3 },
  main: {
    boxSizing: 'border-box',
    width: '100%',
    maxWidth: '1040px',
    marginInline: 'auto',
    paddingBlock: tokens.spacingVerticalXXL,
    paddingInline: tokens.spacingHorizontalXXL,
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXL,
    '@media (max-width: 600px)': {
      paddingBlock: tokens.spacingVerticalL,
      paddingInline: tokens.spacingHorizontalL,
      rowGap: tokens.spacingVerticalXL,
    },
  },
});

const subtitles: Record<TabView, string> = {
  personal: 'Your mentoring programme',
  channel: 'Programme channel',
  about: 'About the app',
  privacy: 'Privacy',
  terms: 'Terms of use',
};

interface AppShellProps {
  view: TabView;
  /** Shown only for development sign-in, outside Teams. */
  onSwitchPerson?: () => void;
  children: ReactNode;
}

/** The page frame: the "Reverse mentoring" header and the main landmark. */
export function AppShell({ view, onSwitchPerson, children }: AppShellProps) {
  const styles = useStyles();
  return (
    <>
      <header className={styles.header}>
        <div className={styles.titles}>
          <Text as="h1" size={500} weight="semibold" className={styles.title}>
            Reverse mentoring
          </Text>
          <Text size={200} className={styles.subtitle}>
            {subtitles[view]}
          </Text>
        </div>
        {onSwitchPerson && (
          <Button appearance="secondary" onClick={onSwitchPerson} data-testid="switch-person">
            Switch person
          </Button>
        )}
      </header>
      <main className={styles.main} id="main">
        {children}
      </main>
    </>
  );
}
