import { Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useState } from 'react';
import type { ApiClient } from '../app/api-client';
import type { PairSpace } from '../../../bot/src/contracts/journey';
import { DetailList } from '../shared/cohort-details';
import { FormDialog } from '../shared/form-dialog';
import { FormStatus } from '../shared/form-parts';
import { describeMyPart, describePartner } from '../shared/format';
import { useApiLoad } from '../shared/use-api-load';
import { ActionsSection } from './actions-section';
import { GoalsSection } from './goals-section';
import { NextStepCard } from './next-step-card';
import { BookingHelp, MeetingList, ReflectionList } from './pair-parts';
import { PreparationForm, ReflectionForm } from './pair-writing';
import { SectionCard, Subheading } from '../shared/section-card';
import { Loading, Problem } from '../shared/status-views';
import { ViewFrame, ViewTitle } from '../shared/view-header';

const useStyles = makeStyles({
  top: { display: 'flex', flexDirection: 'column', rowGap: tokens.spacingVerticalS },
  muted: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  // Two columns where there is room, one on a phone.
  grid: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(min(100%, 360px), 1fr))',
    gap: tokens.spacingHorizontalL,
    alignItems: 'start',
  },
});

/** The dialog My pair has open: one of the next step's forms, or none. */
type PairDialog = 'prepare' | 'reflect' | 'book' | null;

/** The next step's title, for the dialog it opens. */
function stepTitle(space: PairSpace): string {
  const n = space.nextStep.meetingNumber;
  const meeting = n ? `meeting ${n}` : 'your next meeting';
  return space.nextStep.kind === 'book' ? `Book ${meeting}` : `Prepare for ${meeting}`;
}

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

interface MyPairViewProps {
  client: ApiClient;
  pairId: string;
  onBack: () => void;
  onSignInExpired?: () => void;
}

/**
 * One pair's own space, leading with what to do now (the partner, the next step and its one
 * action, progress against the plan), then open actions, goals, meetings and reflections. Each
 * form opens on demand in a dialog and closes once saved.
 */
export function MyPairView({ client, pairId, onBack, onSignInExpired }: MyPairViewProps) {
  const styles = useStyles();
  const [dialog, setDialog] = useState<PairDialog>(null);
  const [said, setSaid] = useState('');
  const [load, setLoad, retry] = useApiLoad(
    () => client.getPair(pairId),
    [client, pairId],
    onSignInExpired,
    { keepWhileReloading: true },
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
  const saved = (words: string) => {
    setDialog(null);
    setSaid(words);
  };
  const heldMeetings = space.meetings.filter((m) => m.status === 'held');
  const contract = contractStatus(space);

  return (
    <ViewFrame back={back} testId="my-pair">
      <div className={styles.top}>
        <ViewTitle cohort={space.cohort} testId="pair-heading">
          Your pair with {partnerName}
        </ViewTitle>
        <Text className={styles.muted}>{space.cohort.name}</Text>
        <FormStatus status={said} testId="pair-saved-status" />
      </div>

      <NextStepCard
        space={space}
        contract={contract}
        onAct={(step) =>
          setDialog(
            step.kind === 'reflect' || step.kind === 'prepare' || step.kind === 'book'
              ? step.kind
              : null,
          )
        }
      />

      <div className={styles.grid}>
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

        <SectionCard title="Goals" testId="pair-goals">
          <GoalsSection
            client={client}
            pairId={pairId}
            partnerName={partnerName}
            goals={space.goals}
            onGoalsChange={(goals) => update({ goals })}
          />
        </SectionCard>

        <SectionCard title="Meetings" testId="pair-meetings">
          <MeetingList meetings={space.meetings} />
        </SectionCard>

        <SectionCard title="My reflections" testId="pair-reflections">
          {space.reflections.mine.length === 0 ? (
            <Text className={styles.muted} data-testid="reflections-empty">
              You haven&apos;t written any reflections yet. After each meeting, note what you
              learned. They stay private unless you choose to share them.
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
          {heldMeetings.length === 0 ? (
            <Text className={styles.muted} data-testid="reflection-no-meeting">
              Once a meeting is recorded as held, you can reflect on it here.
            </Text>
          ) : (
            <div>
              <Button onClick={() => setDialog('reflect')} data-testid="reflection-open">
                Write a reflection
              </Button>
            </div>
          )}
        </SectionCard>

        <SectionCard title="About your pair" testId="pair-about">
          <DetailList
            rows={[
              {
                term: describePartner(
                  space.partner.role === 'mentor' ? 'mentor' : 'mentee',
                  space.pair.arrangement,
                ),
                value: partnerName,
              },
              {
                term: 'Your part',
                value: describeMyPart(space.pair.myRole, space.pair.arrangement),
              },
              { term: 'Contract', value: <span data-testid="pair-contract">{contract}</span> },
            ]}
          />
        </SectionCard>
      </div>

      <FormDialog
        open={dialog === 'prepare' && space.preparation !== null}
        title={stepTitle(space)}
        onClose={() => setDialog(null)}
        testId="preparation-dialog"
      >
        {space.preparation && (
          <>
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
              onCancel={() => setDialog(null)}
              onSaved={(mine, words) => {
                if (space.preparation) update({ preparation: { ...space.preparation, mine } });
                saved(words);
              }}
            />
          </>
        )}
      </FormDialog>

      <FormDialog
        open={dialog === 'reflect' && heldMeetings.length > 0}
        title="Write a reflection"
        onClose={() => setDialog(null)}
        testId="reflection-dialog"
      >
        <ReflectionForm
          client={client}
          pairId={pairId}
          heldMeetings={heldMeetings}
          meetingId={space.nextStep.kind === 'reflect' ? space.nextStep.meetingId : null}
          partnerName={partnerName}
          onCancel={() => setDialog(null)}
          onSaved={(reflection, words) => {
            // Once written, the next step moves on; a reload gives the service's word for it.
            update({
              reflections: { ...space.reflections, mine: [...space.reflections.mine, reflection] },
            });
            saved(words);
            retry();
          }}
        />
      </FormDialog>

      <FormDialog
        open={dialog === 'book'}
        title={stepTitle(space)}
        onClose={() => setDialog(null)}
        testId="booking-dialog"
      >
        <BookingHelp partnerName={partnerName} onDone={() => setDialog(null)} />
      </FormDialog>
    </ViewFrame>
  );
}
