-- A method names every test behind an alert (and its window); 200 characters proved too tight for two tests.
alter table alert alter column method type varchar(500);
