"""What goes to the customer: the agenda message before a call and the follow-up after it."""
