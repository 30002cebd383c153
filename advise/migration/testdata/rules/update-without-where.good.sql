UPDATE users SET active = true WHERE id BETWEEN 1 AND 10000;
