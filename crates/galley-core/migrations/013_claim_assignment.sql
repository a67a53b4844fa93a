-- Who a claim is assigned to in the review queue (a person's name), if anyone.
ALTER TABLE claims ADD COLUMN assigned_to TEXT;
