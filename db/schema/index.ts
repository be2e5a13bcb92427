export * from './organizations';
export * from './users';
export * from './audit';
export * from './meetings';
export * from './archive';
export * from './resolutions';
export * from './votes';
