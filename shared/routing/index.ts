/**
 * Routing by jurisdiction (issue 14): which office of a kind receives an item, from the address or
 * parcel the item concerns and the agencies' service areas. Pure; the wizard, the counter's save,
 * the CLI and the platform use the same functions.
 */
export { placeOf, type Place } from './places';
export { areaHolds, officesFor, receiverKindOf, routeItem, type Route, type RouteBasis, type RouteFailure, type RouteResult } from './route';
export { resolveReceiver, type Receiver, type ReceiverFailure, type ReceiverOverride } from './override';
export { routingProblems } from './catalogueCheck';
export { choicesOf, receiversFor, type ReceiverError } from './receivers';
