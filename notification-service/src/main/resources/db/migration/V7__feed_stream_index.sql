-- The live feed's fan-out reads "every item after seq N" across recipients; without this index each read sorted the
-- whole table (3 ms at 55 000 items, once per commit while streams were open).
CREATE INDEX notification_seq ON notification (seq);
