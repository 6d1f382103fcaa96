"""The coach: findings and readiness, the objective judge, the topics it asks about, the
playbooks (with the built-in ones as package data) and the customer's voice."""
