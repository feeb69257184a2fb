import { Avatar, Badge, Card, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { Me } from '../../../bot/src/contracts/cohorts';
import { roleName } from '../shared/format';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalL },
  row: {
    display: 'flex',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalL,
    minWidth: 0,
  },
  details: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXXS,
    minWidth: 0,
  },
  name: { margin: 0, overflowWrap: 'anywhere' },
  email: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  badges: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    marginTop: tokens.spacingVerticalXS,
  },
});

/** Lets a long email wrap after the @ rather than mid-word on narrow screens. */
function Email({ address }: { address: string }) {
  const at = address.indexOf('@');
  if (at < 0) return <>{address}</>;
  return (
    <>
      {address.slice(0, at)}
      <wbr />
      {address.slice(at)}
    </>
  );
}

/** Who is signed in: name, email and any staff roles. */
export function MePanel({ me }: { me: Me }) {
  const styles = useStyles();
  return (
    <Card className={styles.card} data-testid="me-panel" aria-label="About you" role="region">
      <div className={styles.row}>
        <Avatar name={me.user.name} color="colorful" size={56} aria-hidden />
        <div className={styles.details}>
          <Text as="h2" size={500} weight="semibold" className={styles.name} data-testid="me-name">
            {me.user.name}
          </Text>
          {me.user.email && (
            <Text className={styles.email} data-testid="me-email">
              <Email address={me.user.email} />
            </Text>
          )}
          {me.roles.length > 0 && (
            <div className={styles.badges} aria-label="Your roles" role="list">
              {me.roles.map((role) => (
                <Badge
                  key={role}
                  role="listitem"
                  appearance="filled"
                  color="brand"
                  data-testid={`role-badge-${role}`}
                >
                  {roleName(role)}
                </Badge>
              ))}
            </div>
          )}
        </div>
      </div>
    </Card>
  );
}
