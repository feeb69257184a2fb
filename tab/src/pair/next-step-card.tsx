import { Badge, Button, Text, makeStyles, tokens } from '@fluentui/react-components';
import type { PairNextStep, PairSpace } from '../../../bot/src/contracts/journey';
import { describePairState } from '../shared/format';
import { useLocale } from '../shared/locale';
import { formatDayWords, formatInstantWords } from '../shared/local-dates';
import { SectionCard } from '../shared/section-card';
import { PlanProgress } from './plan-progress';

const useStyles = makeStyles({
  partner: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    overflowWrap: 'anywhere',
  },
  step: {
    display: 'flex',
    flexDirection: 'column',
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: `${tokens.strokeWidthThickest} solid ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorNeutralBackground2,
    overflowWrap: 'anywhere',
  },
  title: { margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** What the step asks for, in words: its title, a line under it, and its button (if any). */
export interface StepWords {
  title: string;
  detail: string;
  action?: string;
}

const meetingName = (step: PairNextStep) =>
  step.meetingNumber ? `meeting ${step.meetingNumber}` : 'your meeting';

export function stepWords(space: PairSpace, locale: string, contract: string): StepWords {
  const step = space.nextStep;
  const partner = space.partner.displayName;
  switch (step.kind) {
    case 'reflect':
      return {
        title: `Reflect on ${meetingName(step)}`,
        detail: `${step.at ? `Held ${formatInstantWords(step.at, locale)}. ` : ''}Note what you learned; it stays private unless you share it.`,
        action: 'Write a reflection',
      };
    case 'prepare':
      return {
        title: `Prepare for ${meetingName(step)}`,
        detail: `${step.at ? `${formatInstantWords(step.at, locale)}. ` : ''}${
          space.preparation?.partner
            ? `${partner}'s topics: ${space.preparation.partner.topics}`
            : 'Note what you want to cover; share it with ' + partner + ' if you like.'
        }`,
        action: space.preparation?.mine ? 'Change my preparation' : 'Prepare',
      };
    case 'book':
      return {
        title: `Book ${meetingName(step)}${step.byDate ? ` by ${formatDayWords(step.byDate, locale)}` : ''}`,
        detail: `Agree a time with ${partner} and book it, so it counts towards your plan.`,
        action: `Book ${meetingName(step)}`,
      };
    case 'wait':
      return {
        title: space.pair.state === 'paused' ? 'Your pair is paused' : 'Getting started',
        detail:
          space.pair.state === 'paused'
            ? 'No reminders while you are paused. Your programme team can help you resume.'
            : contract,
      };
    case 'done':
      return {
        title:
          space.pair.state === 'completed' || space.pair.state === 'ended_early'
            ? 'Your pairing has ended'
            : 'Every meeting in your plan is behind you',
        detail: 'Thank you for taking part. Your goals and actions stay here for you to read.',
      };
  }
}

/** The top of My pair: who the partner is, the one thing to do now, and progress at a glance. */
export function NextStepCard({
  space,
  contract,
  onAct,
}: {
  space: PairSpace;
  /** The contract's state in words, for a pair that has not started meeting. */
  contract: string;
  onAct: (step: PairNextStep) => void;
}) {
  const styles = useStyles();
  const locale = useLocale();
  const words = stepWords(space, locale, contract);
  const work = [space.partner.jobTitle, space.partner.organisation].filter(Boolean).join(', ');
  return (
    <SectionCard title="What to do now" testId="pair-next-step">
      <div className={styles.partner}>
        <Text data-testid="pair-partner">
          With <strong>{space.partner.displayName}</strong>
          {work ? `, ${work}` : ''}
        </Text>
        <Badge appearance="outline" shape="rounded" data-testid="pair-state">
          {describePairState(space.pair.state)}
        </Badge>
      </div>
      <div className={styles.step} data-kind={space.nextStep.kind}>
        <Text
          as="p"
          size={500}
          weight="semibold"
          className={styles.title}
          data-testid="next-step-title"
        >
          {words.title}
        </Text>
        <Text className={styles.muted} data-testid="next-step-detail">
          {words.detail}
        </Text>
        {words.action && (
          <div className={styles.buttons}>
            <Button
              appearance="primary"
              onClick={() => onAct(space.nextStep)}
              data-testid="next-step-action"
            >
              {words.action}
            </Button>
          </div>
        )}
      </div>
      <PlanProgress space={space} />
    </SectionCard>
  );
}
