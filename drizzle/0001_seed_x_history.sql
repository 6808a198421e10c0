-- Imported history: the two X (formerly Twitter) outages the status page ships with, from press reports
-- (see README "Incident history"). Times are UTC; reported-only-roughly times carry the approximate flags and
-- the page shows them as "about". Components are inserted if missing so the history shows on a fresh install
-- before the config sync; the sync then owns their names, groups and positions.
INSERT INTO "components" ("id", "name", "is_group", "position") VALUES
  ('app-api', 'App (API)', false, 0),
  ('website', 'Website', false, 1)
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
INSERT INTO "incidents" ("id", "title", "status", "impact", "origin", "started_at", "started_approx", "monitoring_at", "resolved_at", "resolved_approx", "summary", "sources", "created_at", "updated_at") VALUES
(
  'x-2023-03-06',
  'Twitter: links, logins and images broken',
  'resolved', 'major', 'imported',
  '2023-03-06T17:00:00Z', true, '2023-03-06T17:50:00Z', '2023-03-06T18:20:00Z', true,
  'For about an hour on Monday 6 March 2023, links on Twitter failed with “Your current API plan does not include access to this endpoint”, images and videos did not load, some users could not log in and TweetDeck was inaccessible, on the web and in the app. Downdetector logged more than 8,000 reports. Cause as reported: an internal API change tied to shutting down free API access; the company said “a small API change had massive ramifications”.',
  '[{"title":"ZDNet: Did Twitter just break itself? (6 March 2023)","url":"https://www.zdnet.com/article/did-twitter-just-break-itself/"},{"title":"AP (via Medicine Hat News): Twitter experiences a bevy of glitches (6 March 2023)","url":"https://medicinehatnews.com/?p=4824553"},{"title":"Mediaite: Twitter users outraged as links, images stop working (6 March 2023)","url":"https://www.mediaite.com/tech/twitter-users-outraged-as-links-images-stop-working-and-elon-tweets-the-platform-is-so-brittle/"}]',
  '2023-03-06T17:00:00Z', '2023-03-06T18:20:00Z'
),
(
  'x-2025-03-10',
  'X unavailable in waves (“massive cyberattack” claim)',
  'resolved', 'critical', 'imported',
  '2025-03-10T09:30:00Z', true, '2025-03-10T18:00:00Z', '2025-03-10T21:00:00Z', true,
  'On Monday 10 March 2025 X was unavailable to many users in waves. Downdetector reports spiked around 10:00 UTC (6 a.m. Eastern) and again around 14:00 UTC (10 a.m. Eastern), when more than 40,000 users reported problems; 56% of reports concerned the app and 33% the website. A sustained outage of at least an hour began at 16:00 UTC (noon Eastern), heaviest along the US coasts. X''s owner claimed a “massive cyberattack … done with a lot of resources”; this is unconfirmed. Security researcher Kevin Beaumont described a Mirai-variant botnet of compromised cameras with IP addresses worldwide, not only in Ukraine; Allan Liska (Recorded Future) said such machines would most likely be controlled by a third party that could be anywhere; Nicholas Reese (NYU) said the short duration makes a state actor unlikely. A hacktivist group claimed the attack, and NetBlocks said the pattern was consistent with denial-of-service attacks rather than a configuration or coding error.',
  '[{"title":"AP (via Shropshire Star): Elon Musk claims X being targeted in ‘massive cyber attack’ as service goes down (10 March 2025)","url":"https://www.shropshirestar.com/world-news/2025/03/10/elon-musk-claims-x-being-targeted-in-massive-cyber-attack-as-service-goes-down"},{"title":"AFP (via SpaceDaily): Musk says X hit by major cyberattack (10 March 2025)","url":"https://www.spacedaily.com/afp/250310220902.zse0c3kf.html"},{"title":"CircleID: Massive cyber assault on X, Musk hints at foreign involvement (10 March 2025)","url":"https://circleid.com/posts/massive-cyber-assault-on-x-musk-hints-at-foreign-involvement"}]',
  '2025-03-10T09:30:00Z', '2025-03-10T21:00:00Z'
)
ON CONFLICT ("id") DO NOTHING;
--> statement-breakpoint
INSERT INTO "incident_components" ("incident_id", "component_id", "status") VALUES
  ('x-2023-03-06', 'app-api', 'partial_outage'),
  ('x-2023-03-06', 'website', 'partial_outage'),
  ('x-2025-03-10', 'app-api', 'major_outage'),
  ('x-2025-03-10', 'website', 'major_outage')
ON CONFLICT DO NOTHING;
--> statement-breakpoint
INSERT INTO "incident_updates" ("id", "incident_id", "status", "body", "display_at", "approximate", "created_at", "updated_at") VALUES
  ('x-2023-03-06-1', 'x-2023-03-06', 'investigating',
   'Users report failures shortly before noon US Eastern: links fail with “Your current API plan does not include access to this endpoint”, images and videos do not load, some users cannot log in, and TweetDeck is inaccessible. Downdetector logs more than 8,000 reports.',
   '2023-03-06T17:00:00Z', true, '2023-03-06T17:00:00Z', '2023-03-06T17:00:00Z'),
  ('x-2023-03-06-2', 'x-2023-03-06', 'identified',
   'Twitter Support: “Some parts of Twitter may not be working as expected right now. We made an internal change that had some unintended consequences. We’re working on this now and will share an update when it’s fixed.”',
   '2023-03-06T17:19:00Z', false, '2023-03-06T17:19:00Z', '2023-03-06T17:19:00Z'),
  ('x-2023-03-06-3', 'x-2023-03-06', 'monitoring',
   'Twitter Support: “Things should now be working as normal.”',
   '2023-03-06T17:50:00Z', true, '2023-03-06T17:50:00Z', '2023-03-06T17:50:00Z'),
  ('x-2023-03-06-4', 'x-2023-03-06', 'resolved',
   'Links, logins and images work again; the disruption lasted about an hour (“over an hour” in a 2025 recap). **Cause as reported:** an internal API change tied to shutting down free API access. The owner wrote that “a small API change had massive ramifications”.',
   '2023-03-06T18:20:00Z', true, '2023-03-06T18:20:00Z', '2023-03-06T18:20:00Z'),
  ('x-2025-03-10-1', 'x-2025-03-10', 'investigating',
   'First reports that X does not load, in the app and on the website. Denial-of-service waves are later said to have begun around 09:45 UTC.',
   '2025-03-10T09:30:00Z', true, '2025-03-10T09:30:00Z', '2025-03-10T09:30:00Z'),
  ('x-2025-03-10-2', 'x-2025-03-10', 'investigating',
   'First spike of problem reports on Downdetector (6 a.m. US Eastern): about 21,000 in the US.',
   '2025-03-10T10:00:00Z', true, '2025-03-10T10:00:00Z', '2025-03-10T10:00:00Z'),
  ('x-2025-03-10-3', 'x-2025-03-10', 'investigating',
   'Second spike (10 a.m. US Eastern): more than 40,000 users report no access. 56% of problems are reported for the app, 33% for the website.',
   '2025-03-10T14:00:00Z', true, '2025-03-10T14:00:00Z', '2025-03-10T14:00:00Z'),
  ('x-2025-03-10-4', 'x-2025-03-10', 'investigating',
   'A third spike of reports.',
   '2025-03-10T15:00:00Z', true, '2025-03-10T15:00:00Z', '2025-03-10T15:00:00Z'),
  ('x-2025-03-10-5', 'x-2025-03-10', 'investigating',
   'A sustained outage of at least an hour begins at noon US Eastern, with the heaviest disruptions along the US coasts.',
   '2025-03-10T16:00:00Z', false, '2025-03-10T16:00:00Z', '2025-03-10T16:00:00Z'),
  ('x-2025-03-10-6', 'x-2025-03-10', 'identified',
   'X''s owner claims a “massive cyberattack”: “We get attacked every day, but this was done with a lot of resources. Either a large, coordinated group and/or a country is involved.” **Unconfirmed:** without technical data from X the claim cannot be verified.',
   '2025-03-10T17:25:00Z', true, '2025-03-10T17:25:00Z', '2025-03-10T17:25:00Z'),
  ('x-2025-03-10-7', 'x-2025-03-10', 'monitoring',
   'The sustained outage eases; problem reports fall to the low thousands through the afternoon.',
   '2025-03-10T18:00:00Z', true, '2025-03-10T18:00:00Z', '2025-03-10T18:00:00Z'),
  ('x-2025-03-10-8', 'x-2025-03-10', 'resolved',
   'Reports are down to about 1,500. Attribution remains unconfirmed: security researcher Kevin Beaumont described a Mirai-variant botnet of compromised cameras with IP addresses worldwide, “not just Ukraine”; Allan Liska (Recorded Future) said even Ukrainian addresses would most likely be compromised machines run by a third party anywhere in the world; Nicholas Reese (NYU) said an attack “designed to be discovered” almost certainly rules out a state actor; a hacktivist group claimed the attack; NetBlocks said the pattern was consistent with denial-of-service attacks rather than a configuration or coding error.',
   '2025-03-10T21:00:00Z', true, '2025-03-10T21:00:00Z', '2025-03-10T21:00:00Z')
ON CONFLICT ("id") DO NOTHING;
