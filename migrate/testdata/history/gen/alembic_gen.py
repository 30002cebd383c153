"""Applies two empty Alembic revisions with alembic itself (run by gen)."""
import os
import subprocess
import sys

ALEMBIC = [sys.executable, "-m", "alembic.config"]

work = os.path.join(os.environ["WORK"], "alembic")
url = os.environ["DATABASE_URL"].replace("postgres://", "postgresql+psycopg2://", 1)
subprocess.run(ALEMBIC + ["init", work], check=True, cwd=os.environ["WORK"], capture_output=True)
ini = os.path.join(os.environ["WORK"], "alembic.ini")
with open(ini) as f:
    text = f.read()
text = text.replace("script_location = " + work, "script_location = " + work)
text = text.replace("sqlalchemy.url = driver://user:pass@localhost/dbname", "sqlalchemy.url = " + url)
with open(ini, "w") as f:
    f.write(text)
for rev, msg in (("1a2b3c4d5e6f", "create accounts"), ("2b3c4d5e6f70", "create invoices")):
    subprocess.run(ALEMBIC + ["-c", ini, "revision", "-m", msg, "--rev-id", rev], check=True, cwd=os.environ["WORK"], capture_output=True)
subprocess.run(ALEMBIC + ["-c", ini, "upgrade", "head"], check=True, cwd=os.environ["WORK"], capture_output=True)
