/**
 * The programme channel's home: upcoming events, recent announcements, the caller's pair in
 * brief and, for coordinators, the pairs' health in counts. Composes the other features through
 * their surfaces.
 */
export {
  type ChannelHomeDeps,
  ChannelHomeService,
  type HomeAnnouncement,
  type HomeAnnouncements,
  type HomeJourney,
} from './services/channel-home-service';
export { type HomeRouteDeps, registerHomeRoutes } from './http/home-routes';
