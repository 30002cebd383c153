UPDATE users SET active = true;
