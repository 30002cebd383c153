DROP TABLE activity_logs;
DROP TABLE comments;
