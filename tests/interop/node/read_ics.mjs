// Reads an iCalendar file with Mozilla's ical.js, the way a web calendar does:
// the file's VTIMEZONEs are registered, then every VEVENT is read.
// Prints one JSON list: [{uid, summary, start, end, allDay}], instants in UTC (ISO 8601).
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const text = readFileSync(process.argv[2], "utf8");
const calendar = new ICAL.Component(ICAL.parse(text));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}
const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  const allDay = event.startDate.isDate;
  const instant = (time) => (allDay ? time.toString() : time.toJSDate().toISOString());
  return {
    uid: event.uid,
    summary: event.summary,
    start: instant(event.startDate),
    end: instant(event.endDate),
    allDay,
  };
});
process.stdout.write(JSON.stringify(events));
