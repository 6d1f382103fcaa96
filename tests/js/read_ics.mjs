// Read an .ics file as ical.js (the parser behind Thunderbird and Nextcloud) reads it, and print
// its events as JSON: one object per VEVENT, times as UTC ISO strings.
//
//   node tests/js/read_ics.mjs FILE
//
// The file's VTIMEZONEs are registered with ICAL.TimezoneService before any time is read, as
// calendar clients do, so a TZID resolves to the file's own definition of the zone. A time whose
// zone is not defined is floating: it is printed without "Z" and its tzid is "floating".

import { readFileSync } from "node:fs";
import ICAL from "ical.js";

function when(time) {
  if (time === null || time === undefined) {
    return { value: null, tzid: null };
  }
  if (time.isDate) {
    return { value: time.toString(), tzid: null };
  }
  if (time.zone === ICAL.Timezone.localTimezone) {
    return { value: time.toString(), tzid: "floating" };
  }
  return { value: time.toJSDate().toISOString(), tzid: time.zone.tzid };
}

function text(component, name) {
  const value = component.getFirstPropertyValue(name);
  return value === null || value === undefined ? null : String(value);
}

// Where calendars keep a meeting's join link (and its files), as tests/peers.py lists them.
const LINKS = ["CONFERENCE", "X-GOOGLE-CONFERENCE", "X-MICROSOFT-SKYPETEAMSMEETINGURL", "ATTACH"];

const path = process.argv[2];
if (!path) {
  process.stderr.write("usage: node read_ics.mjs FILE\n");
  process.exit(2);
}

const calendar = new ICAL.Component(ICAL.parse(readFileSync(path, "utf8")));
for (const zone of calendar.getAllSubcomponents("vtimezone")) {
  ICAL.TimezoneService.register(zone);
}

const events = calendar.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  const start = when(event.startDate);
  const end = when(event.endDate);
  const sequence = component.getFirstPropertyValue("sequence");
  return {
    uid: event.uid,
    recurrence_id: when(event.recurrenceId).value,
    sequence: sequence === null ? null : Number(sequence),
    summary: text(component, "summary"),
    status: text(component, "status"),
    location: text(component, "location"),
    description: text(component, "description"),
    url: text(component, "url"),
    start: start.value,
    end: end.value,
    tzid: start.tzid,
    links: Object.fromEntries(
      LINKS.filter((name) => component.hasProperty(name.toLowerCase())).map((name) => [
        name,
        text(component, name.toLowerCase()),
      ]),
    ),
  };
});
process.stdout.write(JSON.stringify(events, null, 2) + "\n");
