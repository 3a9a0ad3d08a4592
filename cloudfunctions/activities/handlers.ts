import type { Handlers } from '../core/runtime/dispatch';
import * as activities from '../core/services/activities';
import * as photos from '../core/services/photos';
import * as streetMap from '../core/services/street-map';
import * as volunteerCard from '../core/services/volunteer-card';

export const handlers: Handlers<'activities'> = {
  list: activities.list,
  filters: activities.filters,
  practiceMap: streetMap.practiceMap,
  addPhoto: photos.addPhoto,
  photos: photos.photos,
  removePhoto: photos.removePhoto,
  detail: activities.detail,
  mine: activities.mine,
  create: activities.create,
  update: activities.update,
  cancel: activities.cancel,
  signup: activities.signup,
  cancelSignup: activities.cancelSignup,
  releaseSignup: activities.releaseSignup,
  askRelease: activities.askRelease,
  checkinCode: activities.checkinCode,
  checkIn: activities.checkIn,
  checkOut: activities.checkOut,
  roster: activities.roster,
  markAttendance: activities.markAttendance,
  closeAttendance: activities.closeAttendance,
  sweep: activities.sweep,
  cardLookup: volunteerCard.cardLookup,
  cardCheckIn: volunteerCard.cardCheckIn,
};
