-- Stands for the next shared (platform-common) migration, for SharedMigrationsTest only.
CREATE TABLE next_shared_table (id INT PRIMARY KEY);
