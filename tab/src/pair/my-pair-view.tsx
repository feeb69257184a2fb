import { Badge, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { ApiClient } from '../app/api-client';
import type { PairReflection, PairSpace } from '../../../bot/src/contracts/journey';
import { DetailList } from '../shared/cohort-details';
import { describeMyPart, describePairState, describePartner, formatDate } from '../shared/format';
import { describeMeetingStatus, describeMeetingWhen } from './pair-format';
import { useApiLoad } from '../shared/use-api-load';
import { ActionsSection } from './actions-section';
import { GoalsSection } from './goals-section';
import { PreparationForm, ReflectionForm } from './pair-writing';
import { SectionCard, Subheading } from '../shared/section-card';
import { Loading, Problem } from '../shared/status-views';
import { ViewFrame, ViewTitle } from '../shared/view-header';

const useStyles = makeStyles({
  top: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  list: {
    margin: 0,
    padding: 0,
    listStyleType: 'none',
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
  },
  meeting: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'baseline',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    paddingBlock: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  reflection: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalXS,
    overflowWrap: 'anywhere',
  },
});

function contractStatus(space: PairSpace): string {
  const c = space.contract;
  const partner = space.partner.displayName;
  if (!c) {
    return space.pair.state === 'proposed'
      ? `Your contract will be ready once your programme team introduces you to ${partner}.`
      : `Your contract hasn't been drawn up yet. Agree it with ${partner} at your first meeting.`;
  }
  if (c.agreedByMe && c.agreedByPartner) return 'You have both agreed your contract';
  if (c.agreedByMe) return `You have agreed your contract. Waiting for ${partner} to agree.`;
  if (c.agreedByPartner) return `${partner} has agreed your contract. Waiting for you to agree.`;
  return `Waiting for you and ${partner} to agree your contract.`;
}

function ReflectionList({ items, testId }: { items: PairReflection[]; testId: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} data-testid={testId}>
      {items.map((r) => (
        <li key={r.id} className={styles.reflection}>
          <Text size={200} className={styles.muted}>
            {formatDate(r.createdAt)}
            {r.sharedWithPartner ? ' · shared with your partner' : ' · private to you'}
          </Text>
          <Text>
            <strong>What I learned:</strong> {r.learned}
          </Text>
          {r.doDifferently && (
            <Text>
              <strong>What I&apos;ll do differently:</strong> {r.doDifferently}
            </Text>
          )}
        </li>
      ))}
    </ul>
  );
}

interface MyPairViewProps {
  client: ApiClient;
  pairId: string;
  onBack: () => void;
  onSignInExpired?: () => void;
}

/** One pair's own space: partner, contract, meetings, goals, actions, preparation, reflections. */
export function MyPairView({ client, pairId, onBack, onSignInExpired }: MyPairViewProps) {
  const styles = useStyles();
  const [load, setLoad, retry] = useApiLoad(
    () => client.getPair(pairId),
    [client, pairId],
    onSignInExpired,
  );
  const back = { label: 'Back to your mentoring', onBack, testId: 'pair-back' };

  if (load.status === 'loading') {
    return (
      <ViewFrame back={back}>
        <Loading label="Loading your pair…" testId="pair-loading" />
      </ViewFrame>
    );
  }
  if (load.status === 'failed') {
    const notFound = load.error.status === 404;
    return (
      <ViewFrame back={back}>
        <Problem
          title={notFound ? "We couldn't find this pair" : "We couldn't load your pair"}
          message={
            notFound
              ? "It may have ended, or the link is for someone else's pair. Go back to see your mentoring."
              : load.error.message
          }
          onRetry={notFound ? undefined : retry}
          testId="pair-error"
        />
      </ViewFrame>
    );
  }

  const space = load.data;
  const partnerName = space.partner.displayName;
  const update = (change: Partial<PairSpace>) =>
    setLoad((l) => (l.status === 'loaded' ? { ...l, data: { ...l.data, ...change } } : l));
  const work = [space.partner.jobTitle, space.partner.organisation].filter(Boolean).join(', ');
  const nextMeeting = space.preparation
    ? space.meetings.find((m) => m.id === space.preparation?.meetingId)
    : undefined;

  return (
    <ViewFrame back={back} testId="my-pair">
      <div className={styles.top}>
        <ViewTitle cohort={space.cohort} testId="pair-heading">
          Your pair with {partnerName}
        </ViewTitle>
        <Text className={styles.muted}>{space.cohort.name}</Text>
      </div>

      <SectionCard title="About your pair" testId="pair-about">
        <DetailList
          rows={[
            {
              term: describePartner(
                space.partner.role === 'mentor' ? 'mentor' : 'mentee',
                space.pair.arrangement,
              ),
              value: (
                <span data-testid="pair-partner">
                  {partnerName}
                  {work ? `, ${work}` : ''}
                </span>
              ),
            },
            { term: 'Your part', value: describeMyPart(space.pair.myRole, space.pair.arrangement) },
            {
              term: 'Status',
              value: (
                <Badge appearance="outline" shape="rounded" data-testid="pair-state">
                  {describePairState(space.pair.state)}
                </Badge>
              ),
            },
            {
              term: 'Contract',
              value: <span data-testid="pair-contract">{contractStatus(space)}</span>,
            },
          ]}
        />
      </SectionCard>

      <SectionCard title="Meetings" testId="pair-meetings">
        <Text data-testid="pair-progress">{space.progress.summary}</Text>
        {space.meetings.length === 0 ? (
          <Text className={styles.muted} data-testid="meetings-empty">
            No meetings yet. They&apos;ll appear here once your programme team introduces you and
            your monthly meetings are set out.
          </Text>
        ) : (
          <ul className={styles.list} data-testid="meetings-list">
            {space.meetings.map((m, i) => (
              <li key={m.id} className={styles.meeting}>
                <Text weight="semibold">Meeting {m.number ?? i + 1}</Text>
                <Text className={styles.muted}>{describeMeetingWhen(m)}</Text>
                <Badge appearance="outline" shape="rounded">
                  {describeMeetingStatus(m.status)}
                </Badge>
              </li>
            ))}
          </ul>
        )}
      </SectionCard>

      <SectionCard title="Goals" testId="pair-goals">
        <GoalsSection
          client={client}
          pairId={pairId}
          partnerName={partnerName}
          goals={space.goals}
          onGoalsChange={(goals) => update({ goals })}
        />
      </SectionCard>

      <SectionCard title="Agreed actions" testId="pair-actions">
        <ActionsSection
          client={client}
          pairId={pairId}
          partnerName={partnerName}
          myName={space.me.displayName}
          actions={space.actions}
          onActionsChange={(actions) => update({ actions })}
        />
      </SectionCard>

      <SectionCard title="Preparing for your next meeting" testId="pair-preparation">
        {!space.preparation ? (
          <Text className={styles.muted} data-testid="preparation-empty">
            Once your next meeting is booked, note here what you want to cover.
          </Text>
        ) : (
          <>
            {nextMeeting && <Text weight="semibold">{describeMeetingWhen(nextMeeting)}</Text>}
            <Text data-testid="preparation-partner">
              <strong>{partnerName}&apos;s topics:</strong>{' '}
              {space.preparation.partner?.topics ?? `${partnerName} hasn't shared any yet.`}
            </Text>
            <PreparationForm
              key={space.preparation.meetingId}
              client={client}
              pairId={pairId}
              meetingId={space.preparation.meetingId}
              partnerName={partnerName}
              initial={space.preparation.mine}
              onSaved={(mine) =>
                space.preparation && update({ preparation: { ...space.preparation, mine } })
              }
            />
          </>
        )}
      </SectionCard>

      <SectionCard title="My reflections" testId="pair-reflections">
        {space.reflections.mine.length === 0 ? (
          <Text className={styles.muted} data-testid="reflections-empty">
            You haven&apos;t written any reflections yet. After each meeting, note what you learned.
            They stay private unless you choose to share them.
          </Text>
        ) : (
          <ReflectionList items={space.reflections.mine} testId="reflections-mine" />
        )}
        {space.reflections.sharedWithMe.length > 0 && (
          <>
            <Subheading>Shared with you by {partnerName}</Subheading>
            <ReflectionList items={space.reflections.sharedWithMe} testId="reflections-shared" />
          </>
        )}
        <Subheading>Write a reflection</Subheading>
        <ReflectionForm
          client={client}
          pairId={pairId}
          heldMeetings={space.meetings.filter((m) => m.status === 'held')}
          partnerName={partnerName}
          onSaved={(reflection) =>
            update({
              reflections: {
                ...space.reflections,
                mine: [...space.reflections.mine, reflection],
              },
            })
          }
        />
      </SectionCard>
    </ViewFrame>
  );
}
