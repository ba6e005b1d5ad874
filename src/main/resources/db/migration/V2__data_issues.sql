-- Values the mapping left out of the latest applied change of a record (mapping option 'invalid: drop'):
-- the record is kept, and what was wrong with it stays visible next to it.
ALTER TABLE customer_record   ADD COLUMN data_issues JSONB;
ALTER TABLE order_record      ADD COLUMN data_issues JSONB;
ALTER TABLE order_line_record ADD COLUMN data_issues JSONB;
ALTER TABLE payment_record    ADD COLUMN data_issues JSONB;
