import { CoordinatorPairService } from './coordinator-pair-service';
import { JourneyCore, type JourneyDeps } from './journey-core';
import { JourneyService } from './journey-service';
import { MeetingService } from './meeting-service';
import { PairWorkService } from './pair-work-service';

/** The journey's services over one shared core (what the composition root builds once). */
export interface JourneyServices {
  journey: JourneyService;
  meetings: MeetingService;
  work: PairWorkService;
  /** The programme team's pause, resume and end of a pair. */
  coordinatorPairs: CoordinatorPairService;
}

export function createJourneyServices(deps: JourneyDeps): JourneyServices {
  const core = new JourneyCore(deps);
  return {
    journey: new JourneyService(core),
    meetings: new MeetingService(core),
    work: new PairWorkService(core),
    coordinatorPairs: new CoordinatorPairService(core),
  };
}
